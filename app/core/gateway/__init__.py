"""Talking to a gateway: one connection pool per profile (credentials, retries, redirects),
chat streams turned into typed events, the other services (images, embeddings, balance),
plain-language errors from HTTP answers, "Test connection", and the active profile's gateway.

Threading: everything here is asyncio; a :class:`~app.core.gateway.client.Gateway` belongs
to the loop it was created on. Kept import-light: the submodules load httpx, not this file.
"""
