// Adaptive render resolution of the page (no ?scale): the mean frame time of each window of
// animation sets the next resolution scale, in steps of 0.05 between 0.5 and 1. A frame's time
// is modelled as a + b scale^2: a fixed part (Cesium's own work, the page's updates) and the
// rasterization of the pixels. Until the page has measured two scales the model is all pixels
// (a = 0), which overestimates what a rise costs and underestimates what a drop saves; then a and
// b come from the last two windows at different scales.
//   - Over 100 ms a frame (under 10 frames/s): drop to the largest step the model puts at 80 ms
//     or less.
//   - Otherwise: rise to the largest step the model puts under 90 ms (a margin for the noise of a
//     2 s window, so that a rise does not lead into a drop), or stay. With one scale measured so
//     far, rise one step when the all-pixels model puts it under 100 ms (a probe that gives the
//     fit; that model overestimates the step, so the probe stays under 100 ms).
export const MIN_SCALE = 0.5;
export const SLOW_FRAME_MS = 100;
const DROP_TARGET_MS = 80;
const RISE_LIMIT_MS = 90;

const steps = () => Array.from({ length: 11 }, (_, k) => (20 - k) / 20); // 1, 0.95, ..., 0.5

/// A rule with its memory of the windows: call it with the scale of a window and the mean time
/// (ms) of its frames; it returns the scale for the next window.
export function makeResolutionRule() {
  let last = null; // the previous window
  let other = null; // the last window at a scale other than the previous one's
  return (scale, frameMs) => {
    if (!(frameMs > 0)) return scale;
    if (last && last.scale !== scale) other = last;
    last = { scale, frameMs };
    let a = 0;
    let b = frameMs / (scale * scale);
    if (other) {
      const fitted = (frameMs - other.frameMs) / (scale * scale - other.scale * other.scale);
      if (fitted > 0) {
        b = fitted;
        a = Math.max(0, frameMs - b * scale * scale);
      }
    }
    const model = (s) => a + b * s * s;
    if (frameMs > SLOW_FRAME_MS) {
      return steps().find((s) => s < scale - 1e-9 && model(s) <= DROP_TARGET_MS) ?? MIN_SCALE;
    }
    if (!other) {
      // One scale measured: a probe one step up, which the all-pixels model (an overestimate)
      // still puts under 100 ms; the window there gives the fit.
      const up = Math.round(20 * scale + 1) / 20;
      return up <= 1 && model(up) < SLOW_FRAME_MS ? up : scale;
    }
    return steps().find((s) => s > scale + 1e-9 && model(s) < RISE_LIMIT_MS) ?? scale;
  };
}
