"""Pure logic, without Telegram or a database: rules, rendering, parsing, content."""
