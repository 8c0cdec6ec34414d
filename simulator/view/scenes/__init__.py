"""The app's screens, one module each; the scene stack moves between them by name."""
