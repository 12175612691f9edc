"""Screens of the app: reading an article, help, the library chooser."""
