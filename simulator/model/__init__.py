"""The model: pure numpy and the standard library. Never imports pygame (the view reads the model)."""
