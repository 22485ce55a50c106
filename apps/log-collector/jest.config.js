module.exports = { ...require('../../jest.preset.js'), displayName: 'log-collector', rootDir: __dirname, testTimeout: 60000 };
