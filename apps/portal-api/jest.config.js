module.exports = { ...require('../../jest.preset.js'), displayName: 'portal-api', rootDir: __dirname, testTimeout: 120000 };
