"""Bringing news in over the network: the HTTP client, feeds and subscriptions.

Plain Python (never Textual or Rich): the CLI shows progress, this package only fetches,
parses and remembers. Nothing here runs unless the user asks for it (``reader import
URL``, ``reader feed update``): the app never fetches by itself.
"""
