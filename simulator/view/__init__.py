"""The pygame front end: app, scenes, widgets, figures, charts (the model never imports this package)."""
