module.exports = { ...require('../../jest.preset.js'), displayName: 'helm-render', rootDir: __dirname };
