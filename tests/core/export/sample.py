"""The conversation every export test writes: Chinese, inline and display maths, a code
block, a table, raw HTML that must stay text, and an image (made with Pillow)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from app.core.history.store import HistoryStore

QUESTION = "請解釋定積分 $\\int_0^1 x^2\\,dx$ 的意思，並畫一個圖。"
ANSWER = r"""## 定積分

定積分 $\int_0^1 x^2\,dx$ 表示曲線下的面積，結果是 $\frac{1}{3}$。

$$
\int_0^1 x^2\,dx = \left[ \frac{x^3}{3} \right]_0^1 = \frac{1}{3}
$$

```python
def area(n: int) -> float:
    # 用矩形近似面積
    return sum((i / n) ** 2 for i in range(n)) / n
```

| 方法 | 結果 | 誤差 |
| --- | ---: | --- |
| 精確 | 0.3333 | 0 |
| 矩形 n=100 | 0.32835 | 0.005 |

Raw HTML stays text: <script>alert("x")</script> and <b>not bold</b>.

- 一個人的文字
- **重點**：大小、日月、水火
"""
CHINESE = "一個人的文字"


def picture() -> bytes:
    """A 320×200 PNG: a blue square on yellow."""
    image = Image.new("RGB", (320, 200), (250, 220, 60))
    ImageDraw.Draw(image).rectangle((100, 40, 220, 160), fill=(30, 60, 200))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


class Picture:
    """An attachment as the store takes it (like a PreparedImage)."""

    def __init__(self, data: bytes) -> None:
        self.data, self.mime, self.width, self.height = data, "image/png", 320, 200
        self.name = "diagram.png"


def sample_conversation(store: HistoryStore) -> int:
    """Stores the sample conversation; returns its id."""
    conv = store.create_conversation(title="微積分：定積分", model="gpt-4o")
    store.add_message(conv.id, "user", QUESTION, attachments=[Picture(picture())])
    store.add_message(conv.id, "assistant", ANSWER, model="gpt-4o")
    return conv.id
