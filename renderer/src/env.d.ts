/// <reference types="vite/client" />
import type { PreloadApi } from '@shared/contract/bridge';

declare global {
  interface Window {
    lxApi?: PreloadApi;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
