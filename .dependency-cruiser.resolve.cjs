// Module resolution for .dependency-cruiser.cjs: apps/admin's tsconfig "paths" ('@/*' → src/*).
const path = require('node:path');

module.exports = { resolve: { alias: { '@': path.join(__dirname, 'apps/admin/src') } } };
