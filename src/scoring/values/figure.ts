/**
 * How a figure is written in a cell's text: `2059.18`, `.5`, and the scientific notation a
 * number stored as text keeps when it comes from another system (`4.1E+04` is 41000, not 4.1).
 */
export const FIGURE = String.raw`(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d{1,6})?`;
