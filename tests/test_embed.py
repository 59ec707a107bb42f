"""The int8 ONNX embedder: built once and reused, faithful to sentence-transformers, and torch-free when warm."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from index import onnx_export
from index.embed import OnnxEmbedder, SentenceTransformerEmbedder, backend

from .conftest import BUNDLED, ROOT

HEAVY = ("torch", "sentence_transformers", "transformers", "sklearn")


@pytest.fixture(scope="module")
def reference() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    from index.document import load_document

    return [s.text for s in load_document(BUNDLED).sentences]


@pytest.fixture(scope="module")
def xquad_sample() -> list[tuple[list[str], list[str]]]:
    """(sentences of an XQuAD paragraph, its questions) for the first paragraphs of several articles."""
    from index.segment import split_sentences

    data = json.loads((ROOT / "eval" / "xquad" / "xquad.en.json").read_text(encoding="utf-8"))["data"]
    sample = []
    for entry in data[::4]:
        for para in entry["paragraphs"][:2]:
            text = para["context"]
            sample.append(
                ([text[s.start : s.end] for s in split_sentences(text)], [q["question"] for q in para["qas"]])
            )
    return sample


def test_default_embedder_is_onnx(embedder):
    assert isinstance(embedder, OnnxEmbedder)
    assert "onnx-int8" in embedder.name


def test_vectors_are_unit_float32(embedder, sentences):
    vectors = embedder.encode(sentences)
    assert vectors.dtype == np.float32 and vectors.shape == (len(sentences), embedder.dim)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.encode([]).shape == (0, embedder.dim)


def test_a_vector_does_not_depend_on_its_batch(embedder, sentences):
    """Quantisation is per call, so the same sentence must get the same vector alone, early or late in a batch:
    otherwise an index (and every parameter fitted on it) depends on the order its cache was built in."""
    alone = np.concatenate([embedder.encode([text]) for text in sentences[:6]])
    assert np.array_equal(embedder.encode(sentences[:6]), alone)
    assert np.array_equal(embedder.encode(sentences[4:12])[:2], alone[4:6])


def test_onnx_matches_sentence_transformers_per_sentence(embedder, reference, sentences):
    """Cosine >= 0.98 to the fp32 model for every sentence, embedded in a batch (as articles are) and alone
    (as questions are): under dynamic int8 the activation scale is per batch, so both paths are checked."""
    exact = reference.encode(sentences)
    batch = embedder.encode(sentences)
    alone = np.vstack([embedder.encode([s]) for s in sentences])
    for vectors in (batch, alone):
        cos = np.sum(vectors * exact, axis=1)
        assert cos.min() >= 0.98, f"lowest cosine {cos.min():.4f} at {sentences[int(cos.argmin())]!r}"


def test_onnx_ranks_sentences_as_sentence_transformers_does(embedder, reference, xquad_sample):
    """Same best sentence for XQuAD questions over their paragraph; a disagreement only between near-ties."""
    texts = [t for paragraph, _ in xquad_sample for t in paragraph]
    questions = [q for _, qs in xquad_sample for q in qs]
    fast_s, exact_s = embedder.encode(texts), reference.encode(texts)
    fast_q, exact_q = np.vstack([embedder.encode([q]) for q in questions]), reference.encode(questions)
    agree = s0 = q0 = 0
    for paragraph, qs in xquad_sample:
        span, ask = slice(s0, s0 + len(paragraph)), slice(q0, q0 + len(qs))
        fast, exact = fast_q[ask] @ fast_s[span].T, exact_q[ask] @ exact_s[span].T
        for f, e in zip(fast, exact, strict=True):
            agree += int(f.argmax() == e.argmax())
            assert e.max() - e[f.argmax()] < 0.03, "ONNX chose a sentence clearly worse under fp32"
        s0, q0 = s0 + len(paragraph), q0 + len(qs)
    assert len(questions) >= 50
    assert agree / len(questions) >= 0.95


def test_export_is_built_once_and_reused(embedder):
    path = onnx_export.export_path()
    assert path.exists()
    stamp = path.stat().st_mtime_ns
    assert onnx_export.ensure_export() == path
    assert path.stat().st_mtime_ns == stamp
    info = json.loads((path.parent / "export.json").read_text())
    assert info["per_channel"] is True
    assert info["recipe"] == onnx_export.RECIPE_VERSION


def test_export_is_keyed_by_its_recipe(embedder, monkeypatch):
    """An export made by another recipe (an older onnx_export.py) lives elsewhere and is never picked up."""
    current = onnx_export.export_path()
    assert current.parent.name.endswith(f"-{onnx_export.RECIPE_VERSION}")
    assert onnx_export.RECIPE_VERSION in embedder.name  # cached article vectors follow the export too
    monkeypatch.setattr(onnx_export, "RECIPE_VERSION", "0" * 12)
    other = onnx_export.export_path()
    assert other != current and not other.exists()


def test_export_is_fused_and_sessions_keep_it_so(embedder, tmp_path):
    """Every layer's attention is one int8 QAttention, and the session (with RUNTIME_DISABLED_OPTIMIZERS) does
    not fold Add + LayerNormalization back into the slow SkipLayerNormalization kernel."""
    import onnx
    import onnxruntime as ort

    path = onnx_export.export_path()
    layers = json.loads((onnx_export.model_dir() / "config.json").read_text())["num_hidden_layers"]
    assert json.loads((path.parent / "export.json").read_text())["fused"]["Attention"] == layers
    ops = [node.op_type for node in onnx.load(str(path), load_external_data=False).graph.node]
    assert ops.count("QAttention") == layers and "MatMul" not in ops
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.optimized_model_filepath = str(tmp_path / "optimized.onnx")
    ort.InferenceSession(
        str(path),
        options,
        providers=["CPUExecutionProvider"],
        disabled_optimizers=list(onnx_export.RUNTIME_DISABLED_OPTIMIZERS),
    )
    optimized = [node.op_type for node in onnx.load(options.optimized_model_filepath).graph.node]
    assert "SkipLayerNormalization" not in optimized and optimized.count("LayerNormalization") == 2 * layers


def test_backend_setting_is_checked(monkeypatch):
    monkeypatch.setenv("ARTICLE_QA_BACKEND", "TORCH")
    assert backend() == "torch"
    monkeypatch.setenv("ARTICLE_QA_BACKEND", "gpu")
    with pytest.raises(ValueError, match="ARTICLE_QA_BACKEND"):
        backend()


def test_warm_ask_imports_no_torch(engine):
    """With the export and the article's index in the cache, answering a question loads no torch stack."""
    code = (
        "import json, sys\n"
        "from bot.cli import main\n"
        "status = main(['ask', '--json', 'how many troops?'])\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})\n"
        "print(json.dumps({'status': status, 'heavy': heavy}), file=sys.stderr)\n"
    )
    env = {**os.environ, "ARTICLE_QA_ARTICLES": str(BUNDLED)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False
    )
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    assert report["status"] == 0, proc.stderr
    assert json.loads(proc.stdout)["answer"]
    assert report["heavy"] == []


@pytest.mark.parametrize(
    ("setting", "export_exists", "can_export", "expected"),
    [
        ("auto", True, False, "onnx"),
        ("auto", False, True, "onnx"),
        ("auto", False, False, "torch"),
        ("torch", True, True, "torch"),
        ("onnx", False, False, "onnx"),
    ],
)
def test_backend_choice(monkeypatch, tmp_path, setting, export_exists, can_export, expected):
    """Which backend default_embedder picks; both constructors are stand-ins here (only the choice is tested)."""
    from index import embed

    monkeypatch.setenv("ARTICLE_QA_BACKEND", setting)
    monkeypatch.setattr(embed, "onnx_embedder", lambda: "onnx")
    monkeypatch.setattr(embed, "SentenceTransformerEmbedder", lambda: "torch")
    monkeypatch.setattr(embed, "_can_export", lambda: can_export)
    marker = tmp_path / "model.int8.onnx"
    if export_exists:
        marker.write_bytes(b"")
    monkeypatch.setattr(embed.onnx_export, "export_path", lambda: marker)
    embed.default_embedder.cache_clear()
    try:
        assert embed.default_embedder() == expected
    finally:
        embed.default_embedder.cache_clear()


def test_auto_falls_back_to_torch_when_the_export_fails(monkeypatch):
    """A broken ONNX path must not stop the engine under `auto`; under `onnx` the error is raised."""
    from index import embed

    def broken():
        raise RuntimeError("no export")

    monkeypatch.setattr(embed, "onnx_embedder", broken)
    monkeypatch.setattr(embed, "SentenceTransformerEmbedder", lambda: "torch")
    monkeypatch.setattr(embed, "_can_export", lambda: True)
    embed.default_embedder.cache_clear()
    try:
        monkeypatch.setenv("ARTICLE_QA_BACKEND", "auto")
        assert embed.default_embedder() == "torch"
        embed.default_embedder.cache_clear()
        monkeypatch.setenv("ARTICLE_QA_BACKEND", "onnx")
        with pytest.raises(RuntimeError, match="no export"):
            embed.default_embedder()
    finally:
        embed.default_embedder.cache_clear()
