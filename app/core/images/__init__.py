"""Images: recognising formats, preparing what the user sends (Pillow; oriented, at most
2048 px), reading sources safely, generating pictures in a conversation, and which models
take images. Pillow is imported only by :mod:`.prepare`.
"""
