module.exports = { ...require('../../jest.preset.js'), displayName: 'jobservice', rootDir: __dirname, testTimeout: 120000 };
