"""Under `serve`, pages kept from the last build are exactly the pages a fresh build makes.

`Site(..., kept=Rendered())` re-renders only the pages whose inputs changed; whatever the
edit (a claim, a source's text, a template override), what it keeps must equal what a
build from scratch renders."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator import engine
from generator.site.pages import Rendered, Settings, Site
from generator.site.templates import PACKAGE_TEMPLATES


def test_pages_kept_between_builds_equal_pages_built_afresh(
    publication_copy: Path, tmp_path: Path
) -> None:
    overrides = tmp_path / "overrides"
    (overrides / "factcheck").mkdir(parents=True)
    settings = Settings(site_name="Test", show_problems=True, template_dirs=[str(overrides)])
    kept = Rendered()

    def served_and_fresh() -> tuple[dict[str, object], dict[str, object]]:
        pub = engine.check(publication_copy)
        served_site, fresh_site = Site(pub, settings, kept=kept), Site(pub, settings)
        served, fresh = served_site.pages, fresh_site.pages
        assert served == fresh
        assert served_site.claims_json() == fresh_site.claims_json()
        return dict(served), dict(fresh)

    first, _ = served_and_fresh()
    again, _ = served_and_fresh()
    # Nothing changed: every claim and source page is the one rendered before.
    pages = [uri for uri in first if first[uri].repo_file]  # type: ignore[attr-defined]
    assert pages and all(again[uri] is first[uri] for uri in pages)

    claim = sorted((publication_copy / "claims").glob("*.yaml"))[0]
    data = yaml.safe_load(claim.read_text("utf-8"))
    data["claim"] = "An edited claim, marker 5d1e."
    claim.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    edited, _ = served_and_fresh()
    assert "marker 5d1e" in edited[f"claims/{claim.stem}.md"].body  # type: ignore[attr-defined]
    cited = data["evidence"][0]["source"]
    assert "marker 5d1e" in edited[f"sources/{cited}.md"].body  # type: ignore[attr-defined]

    source = publication_copy / "content" / "sources" / f"{cited}.md"
    source.write_text(source.read_text("utf-8") + "\nA closing line, marker 9f3a.\n", "utf-8")
    changed, _ = served_and_fresh()
    assert "marker 9f3a" in changed[f"sources/{cited}.md"].body  # type: ignore[attr-defined]

    template = (PACKAGE_TEMPLATES / "factcheck" / "claim.html").read_text("utf-8")
    (overrides / "factcheck" / "claim.html").write_text(template + "<!-- marker 77ab -->", "utf-8")
    overridden, _ = served_and_fresh()
    assert "marker 77ab" in overridden[f"claims/{claim.stem}.md"].body  # type: ignore[attr-defined]
    shutil.rmtree(overrides / "factcheck")
    restored, _ = served_and_fresh()
    assert "marker 77ab" not in restored[f"claims/{claim.stem}.md"].body  # type: ignore[attr-defined]
