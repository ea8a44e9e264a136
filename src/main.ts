/** Entry point: mounts the app into the page. */
import { mount } from 'svelte';
import App from './App.svelte';
// Vazirmatn from the npm package, bundled: no font CDN (the CSP allows fonts from 'self' only).
import '@fontsource-variable/vazirmatn/wght.css';
import './app.css';
import './views.css';

const target = document.getElementById('app');
if (!target) throw new Error('Missing #app element');

export default mount(App, { target });
