"""Layout pieces. Component IDs live in ids.py; never as string literals elsewhere."""
