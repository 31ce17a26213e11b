"""Chatbot answering questions about district reports on Directive 05-CT/TW."""

__version__ = "0.1.0"
