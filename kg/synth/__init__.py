"""``tkg synth``: a realistic synthetic graph in the project's own model, for benchmarks at national scale.

See :func:`kg.synth.generate.synthesize`.
"""
