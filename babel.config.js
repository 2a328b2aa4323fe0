// Babel 7 is used by jest only (webpack uses ts-loader); Babel 8 needs Node 22.
module.exports = {
  presets: [
    ["@babel/preset-env", { targets: { node: "20" } }],
    ["@babel/preset-typescript", { allowDeclareFields: true }],
    ["@babel/preset-react", { runtime: "automatic" }],
  ],
};
