"""The README's tutorial claim works as written, from a file outside the repository."""

import re
from pathlib import Path

from theorytest.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_tutorial_claim_verifies(tmp_path, capsys):
    code = re.search(r"```python\n(.*?)```", README.read_text(), re.S).group(1)
    path = tmp_path / "my_claim.py"
    path.write_text(code)
    status = main(["verify", str(path), "--out", str(tmp_path / "results"), "--formats", ""])
    assert status == 0, capsys.readouterr().out
    assert "all 3 verdicts as expected" in capsys.readouterr().out


def test_readme_starts_with_the_two_commands():
    lines = README.read_text().splitlines()
    block = lines[lines.index("```") + 1 : lines.index("```") + 3]
    assert block[0].startswith("make verify") and block[1].startswith("make test")
