// Colours of the page: one per satellite shell (cycled), one per other role, one per link kind.
export const SHELL_COLORS = ["#ffd54f", "#4fc3f7", "#ff8a65", "#ba68c8", "#aed581", "#f06292",
  "#4db6ac", "#fff176", "#90a4ae", "#7986cb"];
export const ROLE_COLORS = {
  haps: "#00e5ff", uav: "#76ff03", ut: "#ffffff", gw: "#ff1744", bs: "#ff9100",
  core: "#d500f9", sat: "#ffd54f",
};
export const ROLE_NAMES = {
  sat: "satellite", haps: "HAPS", uav: "UAV", ut: "user terminal", gw: "gateway",
  bs: "base station", core: "core site",
};
// By link kind name (LinkKindName in modules/routing).
export const LINK_COLORS = {
  isl: "#5c9dff", feeder: "#ff5252", service: "#ffee58", air_space: "#26c6da",
  air_ground: "#66bb6a", terrestrial: "#bdbdbd",
};
