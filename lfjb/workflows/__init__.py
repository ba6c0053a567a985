"""What each command does, as plain functions a Python caller can use without a terminal."""
