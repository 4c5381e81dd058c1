"""Text handling both layers share: sentence splitting and fast literal patterns (no other etl imports)."""
