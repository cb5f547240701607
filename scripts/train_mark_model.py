"""Train the networks that read OCR'd Thai in context: archive/data/mark_model.npz (tone
marks OCR lost, archive.marks) and archive/data/lookalike_model.npz (consonants OCR took for
their look-alikes, archive.lookalikes). Run again when a window or a network changes (about
10 minutes each on 2 cores):

    python scripts/train_mark_model.py --texts ../shared/corpus/thaigov/thaigov-20k.tar.xz [--task lookalikes]

The texts are Thai government prose (news and statements of thaigov.go.th, public domain):
a .tar.xz of .txt files or a folder of them. For marks, every Thai consonant is an
example: the characters around it with all tone marks stripped, and the mark typed after it.
For look-alikes, every consonant of a confusable pair, hidden behind its pair. A twentieth
of the files is kept apart to measure what the network would change at the odds the
readers use. Needs numpy only.
"""
from __future__ import annotations

import argparse
import random
import sys
import tarfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from archive import lookalikes  # noqa: E402
from archive.marks import ADD_ODDS, MARKS, MODEL_PATH, SWAP_ODDS, VOCAB, forward, slots, windows  # noqa: E402


def mark_examples(text: str) -> tuple[np.ndarray, np.ndarray]:
    s = slots(text)
    return windows(s.skeleton, s.where), s.label


def lookalike_examples(text: str) -> tuple[np.ndarray, np.ndarray]:
    win, read, _ = lookalikes.examples(text)
    return win.astype(np.uint8), read


# task: (examples of one text, vocabulary, classes, default output)
TASKS = {"marks": (mark_examples, VOCAB, len(MARKS) + 1, MODEL_PATH),
         "lookalikes": (lookalike_examples, lookalikes.LOOKALIKE_VOCAB, 2, lookalikes.MODEL_PATH)}


def read_texts(source: Path) -> list[str]:
    if source.is_dir():
        return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(source.rglob("*.txt"))]
    out = []
    with tarfile.open(source) as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".txt"):
                out.append(tar.extractfile(member).read().decode("utf-8", errors="replace"))
    return out


def clean(text: str) -> str:
    # Typed text sometimes spells ำ as ํ+า (OCR's repair does the same before marks run).
    return text.replace("\u0e4d\u0e32", "\u0e33").replace("\u200b", "")


def examples(texts: list[str], limit: int, rng: random.Random, of_text) -> tuple[np.ndarray, np.ndarray]:  # noqa: ANN001
    wins, labels, total = [], [], 0
    for text in texts:
        win, label = of_text(clean(text))
        if not len(label):
            continue
        wins.append(win)
        labels.append(label)
        total += len(label)
        if total >= limit:
            break
    x, y = np.concatenate(wins), np.concatenate(labels)
    keep = np.random.default_rng(rng.randrange(1 << 30)).permutation(len(y))[:limit]
    return x[keep], y[keep]


def init(rng: np.random.Generator, embed: int, hidden: tuple[int, int], width: int, vocab: int,
         classes: int) -> dict[str, np.ndarray]:
    def dense(n_in: int, n_out: int) -> np.ndarray:
        return (rng.standard_normal((n_in, n_out)) * np.sqrt(2 / n_in)).astype(np.float32)
    h1, h2 = hidden
    return {"embed": (rng.standard_normal((vocab, embed)) * 0.3).astype(np.float32),
            "w1": dense(width * embed, h1), "b1": np.zeros(h1, np.float32),
            "w2": dense(h1, h2), "b2": np.zeros(h2, np.float32),
            "w3": dense(h2, classes), "b3": np.zeros(classes, np.float32)}


def gradients(p: dict[str, np.ndarray], win: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
    """Softmax cross-entropy and its gradients (the same network as archive.marks.forward)."""
    n = len(y)
    x = p["embed"][win].reshape(n, -1)
    a1 = x @ p["w1"] + p["b1"]
    h1 = np.maximum(a1, 0)
    a2 = h1 @ p["w2"] + p["b2"]
    h2 = np.maximum(a2, 0)
    z = h2 @ p["w3"] + p["b3"]
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    prob = e / e.sum(axis=1, keepdims=True)
    loss = float(-np.log(prob[np.arange(n), y] + 1e-9).mean())
    dz = prob
    dz[np.arange(n), y] -= 1
    dz /= n
    g = {"w3": h2.T @ dz, "b3": dz.sum(0)}
    d2 = (dz @ p["w3"].T) * (a2 > 0)
    g["w2"], g["b2"] = h1.T @ d2, d2.sum(0)
    d1 = (d2 @ p["w2"].T) * (a1 > 0)
    g["w1"], g["b1"] = x.T @ d1, d1.sum(0)
    dx = (d1 @ p["w1"].T).reshape(n, win.shape[1], -1)
    ge = np.zeros_like(p["embed"])
    np.add.at(ge, win.ravel(), dx.reshape(-1, dx.shape[2]))
    g["embed"] = ge
    return loss, g


def train(x: np.ndarray, y: np.ndarray, args: argparse.Namespace, vocab: int, classes: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(args.seed)
    p = init(rng, args.embed, (args.hidden, args.hidden // 2), x.shape[1], vocab, classes)
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v = {k: np.zeros_like(val) for k, val in p.items()}
    step, steps = 0, args.epochs * (len(y) // args.batch)
    for epoch in range(args.epochs):
        t0, losses = time.time(), []
        order = rng.permutation(len(y))
        for b in range(len(y) // args.batch):
            idx = order[b * args.batch:(b + 1) * args.batch]
            loss, g = gradients(p, x[idx], y[idx])
            losses.append(loss)
            step += 1
            lr = args.lr * 0.5 * (1 + np.cos(np.pi * step / steps))  # cosine decay to 0
            for k in p:
                m[k] = 0.9 * m[k] + 0.1 * g[k]
                v[k] = 0.999 * v[k] + 0.001 * g[k] ** 2
                mh, vh = m[k] / (1 - 0.9 ** step), v[k] / (1 - 0.999 ** step)
                p[k] -= lr * mh / (np.sqrt(vh) + 1e-8)
        print(f"epoch {epoch + 1}: loss {np.mean(losses):.4f} ({time.time() - t0:.0f} s)", flush=True)
    return p


def predict(p: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    return np.concatenate([forward(p, x[i:i + 65536]) for i in range(0, len(x), 65536)])


def report_lookalikes(p: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray) -> None:
    prob = predict(p, x)
    rows = np.arange(len(y))
    print(f"held-out accuracy {np.mean(prob.argmax(1) == y):.4f} on {len(y)} consonants")
    odds = lookalikes.SWAP_ODDS
    print(f"at odds {odds:g}: {np.mean(prob[rows, 1 - y] > odds * prob[rows, y]):.4f} of right readings "
          f"would be changed, {np.mean(prob[rows, y] > odds * prob[rows, 1 - y]):.3f} of misreadings put right")


def report(p: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray) -> None:
    prob = predict(p, x)
    print(f"held-out accuracy {np.mean(prob.argmax(1) == y):.4f} on {len(y)} consonants")
    # What restoring would do to text whose marks were all dropped (an upper bound of what
    # OCR loses), at the odds archive.marks uses.
    best = prob[:, 1:].argmax(1) + 1
    add = prob[np.arange(len(y)), best] > ADD_ODDS * prob[:, 0]
    marked = y > 0
    print(f"adding at odds {ADD_ODDS:g}: {np.mean(add[marked] & (best[marked] == y[marked])):.3f} of marks "
          f"restored right, {np.mean(add[marked] & (best[marked] != y[marked])):.4f} wrong, "
          f"{np.mean(add[~marked]):.4f} of unmarked consonants given one")
    for read in (1, 2):
        other = 3 - read
        rows = y == other
        swap = prob[rows, read] * SWAP_ODDS < prob[rows, other]
        keep = prob[y == read, other] > SWAP_ODDS * prob[y == read, read]
        print(f"{MARKS[other - 1]} read as {MARKS[read - 1]}: {np.mean(swap):.3f} put right at odds {SWAP_ODDS:g}, "
              f"{np.mean(keep):.4f} of true {MARKS[read - 1]} would be changed")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, required=True, help=".tar.xz of .txt files, or a folder")
    ap.add_argument("--examples", type=int, default=3_000_000)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=1024)
    ap.add_argument("--embed", type=int, default=16)
    ap.add_argument("--hidden", type=int, default=512)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--task", choices=sorted(TASKS), default="marks")
    ap.add_argument("--out", type=Path, help="default: the file the reader loads")
    a = ap.parse_args(argv)
    of_text, vocab, classes, default_out = TASKS[a.task]
    a.out = a.out or default_out

    rng = random.Random(a.seed)
    texts = read_texts(a.texts)
    rng.shuffle(texts)
    apart = max(1, len(texts) // 20)
    x, y = examples(texts[apart:], a.examples, rng, of_text)
    hx, hy = examples(texts[:apart], 300_000, rng, of_text)
    print(f"{len(texts)} texts; {len(y)} training consonants, classes: "
          + ", ".join(f"{k} {np.mean(y == k):.3f}" for k in range(classes)))
    p = train(x, y, a, vocab, classes)
    (report if a.task == "marks" else report_lookalikes)(p, hx, hy)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(a.out, **{k: v.astype(np.float16) for k, v in p.items()})
    print(f"wrote {a.out} ({a.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
