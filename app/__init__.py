"""Parley: a desktop AI assistant for OpenAI-style gateways."""

__version__ = "0.1.0"
