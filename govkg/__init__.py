"""govkg: a knowledge graph of UK Civil Service governance and accountability."""
