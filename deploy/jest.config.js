// Deployment tests: harbor.yml.tmpl, ./prepare and ./install.sh run for real, docker-compose.yml and
// the Dockerfile checked against the code, and the compose topology started as processes.
module.exports = { ...require('../jest.preset.js'), displayName: 'deploy', rootDir: __dirname, testMatch: ['<rootDir>/test/**/*.spec.ts'] };
