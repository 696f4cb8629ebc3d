/** The analysts' BPMN modeler (issue 11). */
import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import 'camunda-bpmn-js/dist/assets/camunda-cloud-modeler.css';
import '@camunda/linting/assets/linting.css';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@bpmn-io/form-js/dist/assets/form-js-editor.css';
import '@shared/base.css';
import './modeler.css';
import App from './App.vue';

createApp(App).mount('#app');
