"""A /_dash-update-component request body as the Dash renderer sends it, built from the app's
/_dash-dependencies: what the load test and the two-process test post without a browser."""
from __future__ import annotations


def callback_body(dependencies: list[dict], output_has: str, changed: str | None, values: dict[str, object]) -> dict:
    """The body for the callback whose output names `output_has`; `values` by "id.property"
    (others None; pattern-matching inputs as no rendered components)."""
    spec = next(d for d in dependencies if output_has in d["output"])

    def entry(dependency: dict):
        # /_dash-dependencies writes a pattern-matching id as a JSON string: the renderer sends a
        # list of the matching components for it (none rendered here).
        if isinstance(dependency["id"], dict) or str(dependency["id"]).startswith("{"):
            return []
        return {**dependency, "value": values.get(f"{dependency['id']}.{dependency['property']}")}

    parts = [p for p in spec["output"].strip(".").split("...") if p]
    outputs = [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts]
    return {"output": spec["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": [entry(d) for d in spec["inputs"]], "state": [entry(d) for d in spec["state"]],
            "changedPropIds": [changed] if changed else []}
