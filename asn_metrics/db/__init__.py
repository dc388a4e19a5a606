"""Database access: schema, engine and migrations."""
