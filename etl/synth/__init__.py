"""Benchmark corpus generator: invented Korean business news with the facts it planted.

`generate(out_dir, articles, seed)` writes a corpus in every input format (JSONL, CSV, Parquet,
one-article text files, stripped concatenated dumps) under `out_dir/corpus/` and the planted facts
beside it in `out_dir/planted_facts.jsonl`. `synth_command` is the body of `newsfacts synth`.
"""

from etl.synth.generator import FORMATS, GENERATOR_VERSION, generate, synth_command

__all__ = ["FORMATS", "GENERATOR_VERSION", "generate", "synth_command"]
