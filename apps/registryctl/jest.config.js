module.exports = { ...require('../../jest.preset.js'), displayName: 'registryctl', rootDir: __dirname, testTimeout: 60000 };
