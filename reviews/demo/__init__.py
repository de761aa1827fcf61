"""The demo archive: The Cranes Are Flying, the people and festivals around it, and the seed review."""
