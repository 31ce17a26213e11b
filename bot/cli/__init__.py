"""The command line, above every layer."""
