"""Page objects and extraction, on the fixture pages."""
