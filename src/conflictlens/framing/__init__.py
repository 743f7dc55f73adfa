"""Framing analysis: how the text characterises actors and how sure it is of its claims."""
