"""Writing raw tables, running dbt, and publishing the warehouse file."""
