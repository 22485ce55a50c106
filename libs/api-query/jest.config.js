module.exports = { ...require('../../jest.preset.js'), displayName: 'api-query', rootDir: __dirname };
