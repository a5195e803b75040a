"""Regression tests of issue 20's security review: one module per finding
(``test_finding_NN_<subject>.py``), each failing on the main branch before the fix, plus the
attack matrix (``test_attack_matrix.py``): every URL that changes, publishes, exports or
reveals content, tried as each role and as an anonymous visitor on both sites."""
