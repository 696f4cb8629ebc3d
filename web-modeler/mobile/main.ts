/** The practitioner's phone pages (issue 10 item 4), in the manner of the manual's mini-program. */
import { createApp } from 'vue';
import 'vant/lib/index.css';
import '@shared/base.css';
import './mobile.css';
import App from './App.vue';

createApp(App).mount('#app');
