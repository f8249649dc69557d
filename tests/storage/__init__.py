"""Storage against real SQLite files: repositories, migrations, encryption."""
