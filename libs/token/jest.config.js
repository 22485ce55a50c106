module.exports = { ...require('../../jest.preset.js'), displayName: 'token', rootDir: __dirname };
