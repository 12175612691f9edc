"""Reusable widgets of the reading screen."""
