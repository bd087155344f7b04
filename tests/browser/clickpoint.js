// A screen point inside the given province on the main map (not the inset), or null.
// Plotly draws choropleth paths with pointer-events:none, so the test hit-tests the fill itself.
(code) => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const node = gd._fullLayout.geo._subplot.framework.node();
  const paths = [...node.querySelectorAll('path.choroplethlocation')]
    .filter((p) => p.__data__ && String(p.__data__.loc) === code);
  for (const path of paths) {
    const box = path.getBoundingClientRect();
    const inverse = path.getScreenCTM().inverse();
    const candidates = [];
    for (let i = 1; i < 20; i++) {
      for (let j = 1; j < 20; j++) {
        const x = box.left + (box.width * i) / 20, y = box.top + (box.height * j) / 20;
        const local = new DOMPoint(x, y).matrixTransform(inverse);
        if (path.isPointInFill(local)) candidates.push([x, y]);
      }
    }
    if (candidates.length) {
      // the candidate nearest the centre of the inside points: far from any border
      const cx = candidates.reduce((s, p) => s + p[0], 0) / candidates.length;
      const cy = candidates.reduce((s, p) => s + p[1], 0) / candidates.length;
      candidates.sort((a, b) => Math.hypot(a[0] - cx, a[1] - cy) - Math.hypot(b[0] - cx, b[1] - cy));
      return candidates[0];
    }
  }
  return null;
}
