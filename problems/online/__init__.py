"""Online convex optimization instances and their regret."""
