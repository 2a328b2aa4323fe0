/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  transform: { "^.+\\.(ts|tsx|js)$": "babel-jest" },
  transformIgnorePatterns: ["/node_modules/(?!(fast-check|pure-rand)/)"],
  testTimeout: 60000,
};
