"""Documents out from the window: a conversation saved as PDF, Word, HTML or Markdown (the
sidebar's menu, the header's Export button). The formats are app.export's."""
