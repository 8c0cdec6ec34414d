"""Drawing in code: the figures, the room and the charts."""
