"""Communication graphs, federated clients and client availability."""
